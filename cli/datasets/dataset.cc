#include "datasets/dataset.h"

#include <zip.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace frontdesk::cli {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  return text.str();
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

absl::StatusOr<std::string> ReadEntry(zip_t* archive, zip_uint64_t index, const std::string& path) {
  zip_stat_t stat;
  if (zip_stat_index(archive, index, 0, &stat) != 0) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read the zip directory of ", path));
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive, index, 0));
  if (!file)
    return absl::InvalidArgumentError(absl::StrCat("cannot open ", stat.name, " in ", path));
  std::string text(stat.size, '\0');
  const zip_int64_t read = zip_fread(file.get(), text.data(), stat.size);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return absl::InvalidArgumentError(absl::StrCat("cannot decompress ", stat.name, " in ", path));
  }
  return text;
}

}  // namespace

std::optional<DatasetKind> ParseDatasetKind(std::string_view name) {
  if (name == "anonbank") return DatasetKind::kAnonbank;
  if (name == "helpdesk") return DatasetKind::kHelpdesk;
  if (name == "servicenow") return DatasetKind::kServiceNow;
  return std::nullopt;
}

absl::StatusOr<std::string> ReadZipEntry(const std::string& path, std::string_view suffix) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    return error == ZIP_ER_NOENT
               ? absl::NotFoundError(absl::StrCat("cannot open ", path))
               : absl::InvalidArgumentError(absl::StrCat(path, " is not a zip archive"));
  }
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(archive.get(), i, 0);
    if (name != nullptr && absl::EndsWith(name, absl::string_view(suffix.data(), suffix.size()))) {
      return ReadEntry(archive.get(), i, path);
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(path, " holds no file ending in ",
                                                 absl::string_view(suffix.data(), suffix.size())));
}

absl::StatusOr<MappedDataset> LoadDataset(DatasetKind kind, const std::string& path) {
  const bool zipped = kind == DatasetKind::kServiceNow && absl::EndsWith(path, ".zip");
  absl::StatusOr<std::string> text = zipped ? ReadZipEntry(path, ".csv") : ReadFile(path);
  if (!text.ok()) return text.status();
  switch (kind) {
    case DatasetKind::kAnonbank:
      return MapAnonbank(*text);
    case DatasetKind::kHelpdesk:
      return MapHelpdesk(*text);
    case DatasetKind::kServiceNow:
      return MapServiceNow(*text);
  }
  return absl::InvalidArgumentError("unknown data set");
}

}  // namespace frontdesk::cli
