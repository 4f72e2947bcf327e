#include "storage/bulk_insert.h"

#include <mysql.h>
#include <soci/mysql/soci-mysql.h>

#include <memory>
#include <string>

#include "domain/text.h"

namespace frontdesk::storage {
namespace {

// Statements and bulk executions stay well below max_allowed_packet (16 MiB by default on
// MariaDB, 64 MiB on MySQL 8); larger ones gain nothing in speed.
constexpr size_t kMaxStatementBytes = 4 << 20;

MYSQL* ConnectionOf(soci::session& session) {
  // The backend's type information is not exported by libsoci_mysql, so its name is checked
  // instead of a dynamic_cast.
  if (session.get_backend_name() != "mysql") {
    throw soci::soci_error("bulk insert needs a MySQL session");
  }
  return static_cast<soci::mysql_session_backend*>(session.get_backend())->conn_;
}

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

// Multi-row statements sent as text: the path for servers without bulk execution (MySQL).
void InsertText(MYSQL* connection, const std::string& head, const std::vector<SqlRow>& rows) {
  std::string sql;
  for (const SqlRow& row : rows) {
    if (sql.size() > kMaxStatementBytes) {
      Execute(connection, sql);
      sql.clear();
    }
    sql += sql.empty() ? head : ",";
    AppendTuple(connection, row, sql);
  }
  if (!sql.empty()) Execute(connection, sql);
}

struct StatementCloser {
  void operator()(MYSQL_STMT* statement) const { mysql_stmt_close(statement); }
};
using Statement = std::unique_ptr<MYSQL_STMT, StatementCloser>;

[[noreturn]] void ThrowStatementError(MYSQL_STMT* statement) {
  throw soci::mysql_soci_error(mysql_stmt_error(statement),
                               static_cast<int>(mysql_stmt_errno(statement)));
}

// One prepared single-row statement executed once over arrays of parameter sets (MariaDB's bulk
// execution): the server parses the statement once, and values travel as length-prefixed
// bytes, neither escaped by the client nor lexed by the server. Values are sent as strings
// and converted by the server exactly as the text path's quoted literals are.
void InsertBulk(MYSQL_STMT* statement, size_t column_count, const std::vector<SqlRow>& rows) {
  std::vector<MYSQL_BIND> binds(column_count);
  std::vector<std::vector<const char*>> values(column_count);
  std::vector<std::vector<unsigned long>> lengths(column_count);
  std::vector<std::vector<char>> indicators(column_count);
  size_t first = 0;
  while (first < rows.size()) {
    // Rows up to the size limit (at least one).
    size_t bytes = 0;
    size_t end = first;
    while (end < rows.size() && (end == first || bytes < kMaxStatementBytes)) {
      for (size_t c = 0; c < column_count; ++c) bytes += rows[end].TextAt(c).size() + 4;
      ++end;
    }
    const size_t count = end - first;
    for (size_t c = 0; c < column_count; ++c) {
      values[c].resize(count);
      lengths[c].resize(count);
      indicators[c].resize(count);
      for (size_t r = 0; r < count; ++r) {
        const SqlRow& row = rows[first + r];
        const std::string& text = row.TextAt(c);
        values[c][r] = text.data();
        lengths[c][r] = text.size();
        indicators[c][r] = row.IsNullAt(c) ? STMT_INDICATOR_NULL : STMT_INDICATOR_NONE;
      }
      MYSQL_BIND& bind = binds[c];
      bind = MYSQL_BIND{};
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = values[c].data();
      bind.length = lengths[c].data();
      bind.u.indicator = indicators[c].data();
    }
    unsigned int array_size = static_cast<unsigned int>(count);
    if (mysql_stmt_attr_set(statement, STMT_ATTR_ARRAY_SIZE, &array_size) != 0 ||
        mysql_stmt_bind_param(statement, binds.data()) != 0 ||
        mysql_stmt_execute(statement) != 0) {
      ThrowStatementError(statement);
    }
    first = end;
  }
}

// True when the server executes one statement over arrays of parameter sets (MariaDB 10.2 on).
bool TakesBulk(MYSQL* connection) {
  unsigned long capabilities = 0;
  unsigned long extended = 0;
  if (mariadb_get_infov(connection, MARIADB_CONNECTION_SERVER_CAPABILITIES, &capabilities) != 0 ||
      mariadb_get_infov(connection, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES,
                        &extended) != 0) {
    return false;
  }
  return (capabilities & CLIENT_MYSQL) == 0 &&
         (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
}

void InsertMySql(soci::session& session, const std::string& head,
                 const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows) {
  MYSQL* connection = ConnectionOf(session);
  if (rows.size() == 1 || !TakesBulk(connection)) {
    InsertText(connection, head, rows);
    return;
  }
  Statement statement(mysql_stmt_init(connection));
  if (!statement) throw soci::soci_error("out of memory for a bulk insert statement");
  std::string sql = head;
  sql += '(';
  for (size_t i = 0; i < columns.size(); ++i) sql += i == 0 ? "?" : ",?";
  sql += ')';
  if (mysql_stmt_prepare(statement.get(), sql.data(), sql.size()) != 0) {
    ThrowStatementError(statement.get());
  }
  InsertBulk(statement.get(), columns.size(), rows);
}

void InsertSqlite(soci::session& session, const std::string& head,
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
  const std::string head =
      domain::Cat(verb, " INTO ", table, " (", ColumnList(columns), ") VALUES ");
  if (dialect == Dialect::kMySql) {
    InsertMySql(session, head, columns, rows);
  } else {
    InsertSqlite(session, head, columns, rows);
  }
}

}  // namespace

void InsertRows(soci::session& session, Dialect dialect, std::string_view table,
                const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows) {
  WriteRows(session, dialect, "INSERT", table, columns, rows);
}

void ReplaceRows(soci::session& session, Dialect dialect, std::string_view table,
                 const std::vector<std::string_view>& columns, const std::vector<SqlRow>& rows) {
  WriteRows(session, dialect, "REPLACE", table, columns, rows);
}

}  // namespace frontdesk::storage
