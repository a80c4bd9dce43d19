#pragma once

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Early returns for absl::Status and absl::StatusOr, as in abseil's internal status_macros.h.

// Returns the Status of `expr` from the enclosing function unless it is OK.
#define LANYARD_RETURN_IF_ERROR(expr) \
  LANYARD_RETURN_IF_ERROR_IMPL(LANYARD_STATUS_CONCAT(lanyard_status_, __COUNTER__), expr)
#define LANYARD_RETURN_IF_ERROR_IMPL(status, expr) \
  do {                                             \
    absl::Status status = (expr);                  \
    if (!status.ok()) return status;               \
  } while (false)

// Evaluates the StatusOr `expr`; returns its Status unless OK, else moves its value into `lhs`
// (a declaration or an existing variable).
#define LANYARD_ASSIGN_OR_RETURN(lhs, expr) \
  LANYARD_ASSIGN_OR_RETURN_IMPL(LANYARD_STATUS_CONCAT(lanyard_statusor_, __COUNTER__), lhs, expr)

#define LANYARD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(*tmp)
#define LANYARD_STATUS_CONCAT_INNER(a, b) a##b
#define LANYARD_STATUS_CONCAT(a, b) LANYARD_STATUS_CONCAT_INNER(a, b)
