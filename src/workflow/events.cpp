#include "workflow/events.h"

namespace dl::workflow {

const char* kind_name(Event::Kind kind) {
  switch (kind) {
    case Event::Kind::step: return "step";
    case Event::Kind::change: return "change";
    case Event::Kind::same: return "same";
    case Event::Kind::wait: return "wait";
    case Event::Kind::progress: return "progress";
    case Event::Kind::warn: return "warn";
    case Event::Kind::done: return "done";
    case Event::Kind::fail: return "fail";
  }
  return "?";
}

}  // namespace dl::workflow
