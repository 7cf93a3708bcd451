// doca-layer: a thin main over the core library.
#include "cli/command.h"

int main(int argc, char** argv) { return dl::cli::run(argc, argv); }
