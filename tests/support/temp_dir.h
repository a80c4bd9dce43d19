#pragma once

// The one temporary-directory helper of the C++ tests and lanyard-bench. Qt tests use Qt's own
// QTemporaryDir instead (it returns QStrings and is what Qt code reaches for).

#include <stdlib.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace lanyard::testing {

// A new, empty directory of its own under $TMPDIR (or /tmp), named lanyard-LABEL-XXXXXX, removed
// with everything in it when the object goes unless keep() was called. Tests running in parallel
// or twice never share one.
class TempDir {
 public:
  // Creates the directory; throws std::system_error saying which when mkdtemp fails.
  explicit TempDir(std::string_view label = "test") {
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("lanyard-" + std::string(label) + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    }
    m_path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    if (m_keep) return;
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }

  const std::filesystem::path& path() const { return m_path; }
  // The path of `name` in the directory (which this does not create).
  std::string file(const std::string& name) const { return (m_path / name).string(); }

  // Leaves the directory and its contents on disk, to look at after a run.
  void keep() { m_keep = true; }

 private:
  std::filesystem::path m_path;
  bool m_keep = false;
};

}  // namespace lanyard::testing
