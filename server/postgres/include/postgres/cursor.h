#pragma once

#include <cstddef>
#include <optional>
#include <pqxx/result>
#include <pqxx/row>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::postgres {

// The rows of one query read through a server-side cursor, kFetchRows at a time: a long result is
// streamed, never held whole. Lives inside the transaction that declared it; several may be read
// side by side in one transaction, each under its own name. libpqxx exceptions pass through.
class Cursor {
 public:
  static constexpr int kFetchRows = 1000;

  // Declares cursor `name` for `query` with `parameters` ($1, $2... as exec_params takes them).
  template <typename... Parameters>
  Cursor(pqxx::transaction_base& transaction, std::string name, std::string_view query, Parameters&&... parameters)
      : m_transaction(transaction), m_name(std::move(name)) {
    m_transaction.exec_params(strCat("DECLARE ", m_name, " NO SCROLL CURSOR FOR ", query),
                              std::forward<Parameters>(parameters)...);
  }

  // The next row, or nullopt after the last. A row, and the text it holds, is valid until the
  // next call.
  std::optional<pqxx::row> next() {
    if (m_index == m_batch.size()) {
      if (m_exhausted) return std::nullopt;
      m_batch = m_transaction.exec(strCat("FETCH FORWARD ", kFetchRows, " FROM ", m_name));
      m_index = 0;
      m_exhausted = m_batch.size() < static_cast<std::size_t>(kFetchRows);
      if (m_batch.empty()) return std::nullopt;
    }
    return m_batch[static_cast<pqxx::result::size_type>(m_index++)];
  }

 private:
  pqxx::transaction_base& m_transaction;
  std::string m_name;
  pqxx::result m_batch;
  std::size_t m_index = 0;
  bool m_exhausted = false;  // The last fetch returned the last rows.
};

}  // namespace lanyard::server::postgres
