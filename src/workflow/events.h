// Events: what a long-running command reports while it works, as data. The workflow emits them;
// the cli prints them (a TTY gets live lines, a pipe timestamped lines, -o json one object a
// line). Nothing in workflow/ prints.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace dl::workflow {

using json = nlohmann::json;

struct Event {
  enum class Kind {
    step,      ///< a step starts (message says what it will do)
    change,    ///< a write was made (or would be, in a dry run)
    same,      ///< an object already matched the spec: no write
    wait,      ///< waiting for the cluster (message names what for)
    progress,  ///< progress of a wait (data carries counts, ETA)
    warn,      ///< something the user should know; the command goes on
    done,      ///< a step finished
    fail,      ///< a step failed; the command stops
  };
  Kind kind = Kind::step;
  std::string step;     ///< registry, credentials, repos, machineosconfig, build, rollout, verify, ...
  std::string message;  ///< one line for people, never secret material
  json data = json::object();
};

/// Receives events in order, on the thread that runs the command.
using EventSink = std::function<void(const Event&)>;

/// "step", "change", ... for -o json.
const char* kind_name(Event::Kind kind);

/// Emits to `sink` when it is set (a helper for code that takes an optional sink).
inline void emit(const EventSink& sink, Event::Kind kind, std::string step, std::string message,
                 json data = json::object()) {
  if (sink) sink(Event{kind, std::move(step), std::move(message), std::move(data)});
}

}  // namespace dl::workflow
