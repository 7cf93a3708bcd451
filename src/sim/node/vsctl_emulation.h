// The in-memory node's ovs-vsctl: the command forms the doca-layer workflow and an admin use on a
// node, answered from a MemoryDb with the real ovs-vsctl's output and error texts (3.1). Forms:
//
//   [--no-wait] [--timeout=N] [--if-exists] get TABLE REC COL[:KEY]...
//   list TABLE [REC]                       (text format only)
//   set TABLE REC COL:KEY=VALUE|COL=VALUE...   (map keys; scalar and optional columns)
//   remove TABLE REC COL KEY...            (map keys)
//   init
//   several of these joined by `--`, applied all or nothing.
//
// REC is `.` or the row's uuid for Open_vSwitch; every other table is empty, so it answers
// "no row" as a fresh real database does. A write without --no-wait that changes something
// increments next_cfg (the IDL adds no increment to an otherwise empty transaction) and the
// running switch answers with cur_cfg. Other commands and options exit 1 with a message that
// names this limitation.
#pragma once

#include <string>
#include <vector>

#include "sim/node/memory_db.h"
#include "sim/node/node_host.h"

namespace dl::sim::node {

/// One command of an invocation: the words between `--` separators, after its options.
struct VsctlCommand {
  bool if_exists = false;
  std::vector<std::string> words;  ///< command name and arguments
};

/// Splits `args` into global options (--no-wait sets `no_wait`; --timeout and --db are ignored)
/// and commands; `invalid_input` for options this emulation does not know or no command.
util::Result<std::vector<VsctlCommand>> parse_vsctl(const std::vector<std::string>& args, bool& no_wait);

/// What `ovs-vsctl ARGS` prints against `db` (`args` excludes the program name).
ExecResult vsctl_emulate(const std::vector<std::string>& args, MemoryDb& db);

}  // namespace dl::sim::node
