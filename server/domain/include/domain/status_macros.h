#pragma once

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Early returns for absl::Status and absl::StatusOr, as in abseil's internal status_macros.h. A
// function that returns something other than absl::Status names the conversion as the last
// argument: a gRPC handler writes LANYARD_RETURN_IF_ERROR(expr, toGrpc).

// Returns the Status of `expr` (converted) from the enclosing function unless it is OK.
#define LANYARD_RETURN_IF_ERROR(expr, ...) \
  LANYARD_RETURN_IF_ERROR_IMPL(LANYARD_STATUS_CONCAT(lanyard_status_, __COUNTER__), expr, __VA_ARGS__)
#define LANYARD_RETURN_IF_ERROR_IMPL(status, expr, ...) \
  do {                                                  \
    const absl::Status& status = (expr);                \
    if (!status.ok()) return __VA_ARGS__(status);       \
  } while (false)

// Evaluates the StatusOr `expr`; returns its Status (converted) unless OK, else moves its value
// into `lhs` (a declaration or an existing variable).
#define LANYARD_ASSIGN_OR_RETURN(lhs, expr, ...) \
  LANYARD_ASSIGN_OR_RETURN_IMPL(LANYARD_STATUS_CONCAT(lanyard_statusor_, __COUNTER__), lhs, expr, __VA_ARGS__)

#define LANYARD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr, ...) \
  auto tmp = (expr);                                       \
  if (!tmp.ok()) return __VA_ARGS__(tmp.status());         \
  lhs = std::move(*tmp)
#define LANYARD_STATUS_CONCAT_INNER(a, b) a##b
#define LANYARD_STATUS_CONCAT(a, b) LANYARD_STATUS_CONCAT_INNER(a, b)
