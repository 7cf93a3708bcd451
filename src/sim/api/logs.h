// Container logs of simulated pods: appended by controllers, read (and followed) by pods/log.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace dl::sim::api {

class LogStore {
 public:
  /// Appends `text` to container `container` of pod `ns`/`pod`.
  void append(const std::string& ns, const std::string& pod, const std::string& container, const std::string& text);
  /// Marks the container finished: followers see the end of the stream.
  void finish(const std::string& ns, const std::string& pod, const std::string& container);
  struct Chunk {
    std::string text;
    bool finished = false;
  };
  /// Bytes from `offset` on, waiting up to `timeout` for more when there are none yet.
  Chunk read(const std::string& ns, const std::string& pod, const std::string& container, size_t offset,
             std::chrono::milliseconds timeout);
  /// Offset of the first text appended at or after `since` (the log's size when none was).
  size_t offset_since(const std::string& ns, const std::string& pod, const std::string& container,
                      std::chrono::system_clock::time_point since);

 private:
  struct Log {
    std::string text;
    bool finished = false;
    std::vector<std::pair<size_t, std::chrono::system_clock::time_point>> appends;  ///< offset, time
  };
  std::mutex m_mu;
  std::condition_variable m_cv;
  std::map<std::string, Log> m_logs;
};

}  // namespace dl::sim::api
