#include "storage/contact_repository.h"

#include <soci/soci.h>

#include "domain/text.h"
#include "storage/interaction_statements.h"
#include "storage/sql_row.h"
#include "storage/unit_of_work.h"

namespace frontdesk::storage {

using domain::Append;
using domain::Cat;
namespace {

using domain::Contact;
using Params = std::vector<std::pair<std::string, std::string>>;

Contact Decode(const SqlRow& row) {
  return Contact{row.Text("id"), row.Integer("version"), row.Text("external_reference"),
                 row.Text("display_name"), row.Text("email"), row.Text("phone"),
                 row.Text("department"), row.Integer("vip") != 0, row.Time("create_time"),
                 row.Time("update_time")};
}

// Reads contacts; `lock_clause` is appended after LIMIT, where MySQL wants FOR UPDATE.
std::vector<Contact> SelectContacts(soci::session& session, const std::string& where_sql,
                                    const std::string& order_sql, Params params, int limit,
                                    const char* lock_clause = "") {
  SqlRow row(ContactColumns());
  soci::statement statement(session);
  row.BindInto(statement);
  for (auto& [name, value] : params) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(Cat("SELECT ", ColumnList(ContactColumns()), " FROM contacts WHERE ",
                                 where_sql, " ORDER BY ", order_sql, " LIMIT ", limit,
                                 lock_clause));
  statement.define_and_bind();
  std::vector<Contact> contacts;
  if (!statement.execute(true)) return contacts;
  do {
    contacts.push_back(Decode(row));
  } while (statement.fetch());
  return contacts;
}

void WriteContact(soci::session& session, const Contact& contact, bool insert) {
  SqlRow row(ContactColumns());
  EncodeContact(contact, row);
  soci::statement statement(session);
  row.BindUse(statement);
  statement.alloc();
  statement.prepare(
      insert ? Cat("INSERT INTO contacts (", ColumnList(ContactColumns()), ") VALUES (",
                            PlaceholderList(ContactColumns()), ")")
             : "UPDATE contacts SET version = :version, display_name = :display_name, "
               "email = :email, phone = :phone, department = :department, vip = :vip, "
               "search_key = :search_key, update_time = :update_time, create_time = :create_time, "
               "external_reference = :external_reference WHERE id = :id");
  statement.define_and_bind();
  statement.execute(true);
}

bool SameDetails(const Contact& a, const Contact& b) {
  return a.display_name == b.display_name && a.email == b.email && a.phone == b.phone &&
         a.department == b.department && a.vip == b.vip;
}

// Escapes LIKE wildcards so that the search text matches literally.
std::string LikePattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : domain::FoldCase(text)) {
    if (c == '%' || c == '_' || c == '!') pattern += '!';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

const std::vector<std::string_view>& ContactColumns() {
  static const std::vector<std::string_view> kColumns = {
      "id", "version", "external_reference", "display_name", "email", "phone", "department",
      "vip", "search_key", "create_time", "update_time"};
  return kColumns;
}

void EncodeContact(const Contact& c, SqlRow& row) {
  row.Set("id", c.id);
  row.Set("version", static_cast<long long>(c.version));
  row.Set("external_reference", c.external_reference);
  row.Set("display_name", c.display_name);
  row.Set("email", c.email);
  row.Set("phone", c.phone);
  row.Set("department", c.department);
  row.Set("vip", static_cast<long long>(c.vip));
  row.Set("search_key", domain::FoldCase(domain::Cat(c.display_name, "\n", c.email)));
  row.Set("create_time", std::optional<domain::Timestamp>(c.create_time));
  row.Set("update_time", std::optional<domain::Timestamp>(c.update_time));
}

absl::StatusOr<domain::UpsertOutcome> SqlContactRepository::Upsert(
    const Contact& contact, const domain::RequestMeta& meta) {
  const long long fingerprint = static_cast<long long>(meta.fingerprint);
  return RunUnitOfWork(
      database_, "UpsertContact", true,
      [&](soci::session& session) -> absl::StatusOr<domain::UpsertOutcome> {
        if (auto seen = SelectSeenRequest(session, meta.request_id)) {
          if (seen->method != "UpsertContact" || seen->fingerprint != fingerprint) {
            return RequestIdReused(meta.request_id);
          }
          auto current =
              SelectContacts(session, "id = :id", "id", {{"id", seen->interaction_id}}, 1);
          if (current.empty()) return absl::InternalError("contact of a seen request is missing");
          return domain::UpsertOutcome{current.front(), false};
        }
        auto outcome = ApplyUpsert(session, contact);
        InsertSeenRequest(session, meta.request_id,
                          SeenRequest{"UpsertContact", fingerprint, outcome.contact.id,
                                      outcome.contact.version},
                          contact.update_time);
        return outcome;
      });
}

domain::UpsertOutcome SqlContactRepository::ApplyUpsert(soci::session& session,
                                                        const Contact& contact) {
  auto existing = SelectContacts(session, "external_reference = :ref", "id",
                                 {{"ref", contact.external_reference}}, 1,
                                 ForUpdate(database_.dialect()));
  if (existing.empty()) {
    Contact created = contact;
    created.version = 1;
    WriteContact(session, created, true);
    return domain::UpsertOutcome{created, true};
  }
  const Contact& current = existing.front();
  if (SameDetails(current, contact)) return domain::UpsertOutcome{current, false};
  Contact updated = contact;
  updated.id = current.id;
  updated.create_time = current.create_time;
  updated.version = current.version + 1;
  WriteContact(session, updated, false);
  return domain::UpsertOutcome{updated, false};
}

absl::StatusOr<Contact> SqlContactRepository::Get(const std::string& id) {
  return RunUnitOfWork(database_, "GetContact", false,
                       [&](soci::session& session) -> absl::StatusOr<Contact> {
                         auto found = SelectContacts(session, "id = :id", "id", {{"id", id}}, 1);
                         if (found.empty()) {
                           return absl::NotFoundError(
                               Cat("contact \"contacts/", id, "\" not found"));
                         }
                         return found.front();
                       });
}

absl::StatusOr<domain::Page<Contact>> SqlContactRepository::List(const domain::PageRequest& page) {
  return RunUnitOfWork(
      database_, "ListContacts", false,
      [&](soci::session& session) -> absl::StatusOr<domain::Page<Contact>> {
        domain::Page<Contact> result;
        result.items = SelectContacts(session, "external_reference > :after",
                                      "external_reference", {{"after", page.after_key}},
                                      page.page_size + 1);
        if (result.items.size() > static_cast<size_t>(page.page_size)) {
          result.items.pop_back();
          result.next_key = result.items.back().external_reference;
        }
        return result;
      });
}

absl::StatusOr<std::vector<Contact>> SqlContactRepository::Search(const std::string& text,
                                                                  int limit) {
  return RunUnitOfWork(
      database_, "SearchContacts", false,
      [&](soci::session& session) -> absl::StatusOr<std::vector<Contact>> {
        return SelectContacts(session, "search_key LIKE :pattern ESCAPE '!'", "display_name, id",
                              {{"pattern", LikePattern(text)}}, limit);
      });
}

}  // namespace frontdesk::storage
