#pragma once

// Names the calling thread as `top -H`, `ps -L` and `perf report --sort comm` show it.

#include <pthread.h>

#include <string>
#include <string_view>

namespace lanyard::server::domain {

// Linux keeps 15 bytes of a thread's name; a longer one is cut to 15.
inline void nameThisThread(std::string_view name) {
  const std::string kept(name.substr(0, 15));
  (void)pthread_setname_np(pthread_self(), kept.c_str());
}

}  // namespace lanyard::server::domain
