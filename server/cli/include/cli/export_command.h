#pragma once

#include "cli/commands.h"

namespace lanyard::cli {

// `lanyard export [--format csv|xlsx] [--status all|checked-in|absent] [--session ID]
// [--category C] [--delimiter ';'] [--bom] [--scan-log] -o FILE`: streams an attendee list (or,
// with --scan-log, the full scan log) from the server into FILE. The bytes go to FILE.part, which
// is renamed to FILE only once the server has sent the whole file, so FILE is never half written;
// on any failure FILE.part is removed and FILE is left as it was. Without --format, a FILE ending
// in .xlsx means XLSX, anything else CSV. Returns 0 on success, 1 when the server refused or
// failed or the file could not be written, 2 for a usage error.
int runExport(Invocation& invocation);

// The usage lines for `lanyard --help`.
const char* exportUsage();

}  // namespace lanyard::cli
