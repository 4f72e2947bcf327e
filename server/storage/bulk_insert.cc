#include "storage/bulk_insert.h"

#include <soci/mysql/soci-mysql.h>

#include <string>

#include "domain/text.h"

namespace frontdesk::storage {
namespace {

// Statements stay well below max_allowed_packet (16 MiB by default on MariaDB, 64 MiB on
// MySQL 8); larger ones gain nothing in speed.
constexpr size_t kMaxStatementBytes = 4 << 20;

void AppendQuoted(MYSQL* connection, const std::string& value, std::string& sql) {
  const size_t start = sql.size();
  sql.resize(start + 2 * value.size() + 3);
  sql[start] = '\'';
  const unsigned long written =
      mysql_real_escape_string(connection, sql.data() + start + 1, value.data(), value.size());
  sql[start + 1 + written] = '\'';
  sql.resize(start + 2 + written);
}

void AppendTuple(MYSQL* connection, const SqlRow& row, std::string& sql) {
  sql += '(';
  for (size_t i = 0; i < row.columns().size(); ++i) {
    if (i > 0) sql += ',';
    if (row.IsNullAt(i)) {
      sql += "NULL";
    } else {
      AppendQuoted(connection, row.TextAt(i), sql);
    }
  }
  sql += ')';
}

void Execute(MYSQL* connection, const std::string& sql) {
  if (mysql_real_query(connection, sql.data(), sql.size()) != 0) {
    throw soci::mysql_soci_error(mysql_error(connection),
                                 static_cast<int>(mysql_errno(connection)));
  }
}

void ExecuteMultiRow(soci::session& session, const std::string& head,
                 const std::vector<SqlRow>& rows) {
  // The backend's type information is not exported by libsoci_mysql, so its name is checked
  // instead of a dynamic_cast.
  if (session.get_backend_name() != "mysql") {
    throw soci::soci_error("bulk insert needs a MySQL session");
  }
  auto* backend = static_cast<soci::mysql_session_backend*>(session.get_backend());
  std::string sql;
  for (const SqlRow& row : rows) {
    if (sql.size() > kMaxStatementBytes) {
      Execute(backend->conn_, sql);
      sql.clear();
    }
    sql += sql.empty() ? head : ",";
    AppendTuple(backend->conn_, row, sql);
  }
  if (!sql.empty()) Execute(backend->conn_, sql);
}

void ExecutePrepared(soci::session& session, const std::string& head,
                  const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows) {
  std::vector<std::string> values(columns.size());
  std::vector<soci::indicator> indicators(columns.size(), soci::i_ok);
  soci::statement statement(session);
  for (size_t i = 0; i < columns.size(); ++i) {
    statement.exchange(soci::use(values[i], indicators[i], std::string(columns[i])));
  }
  statement.alloc();
  statement.prepare(domain::Cat(head, "(", PlaceholderList(columns), ")"));
  statement.define_and_bind();
  for (const SqlRow& row : rows) {
    for (size_t i = 0; i < columns.size(); ++i) {
      values[i] = row.TextAt(i);
      indicators[i] = row.IsNullAt(i) ? soci::i_null : soci::i_ok;
    }
    statement.execute(true);
  }
}

void WriteRows(soci::session& session, Dialect dialect, std::string_view verb,
               std::string_view table, const std::vector<std::string_view>& columns,
               const std::vector<SqlRow>& rows) {
  if (rows.empty()) return;
  const std::string head = domain::Cat(verb, " ", table, " (", ColumnList(columns), ") VALUES ");
  if (dialect == Dialect::kMySql) {
    ExecuteMultiRow(session, head, rows);
  } else {
    ExecutePrepared(session, head, columns, rows);
  }
}

}  // namespace

void InsertRows(soci::session& session, Dialect dialect, std::string_view table,
                const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows) {
  WriteRows(session, dialect, "INSERT INTO", table, columns, rows);
}

void ReplaceRows(soci::session& session, Dialect dialect, std::string_view table,
                 const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows) {
  WriteRows(session, dialect, "REPLACE INTO", table, columns, rows);
}

}  // namespace frontdesk::storage
