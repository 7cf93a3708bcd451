#include "cli/verify_step.h"

#include <iostream>

#include "cli/reports.h"

namespace dl::cli {

std::optional<workflow::VerifyReport> verify_step(kube::Client& client, const spec::LayerSpec& spec,
                                                  const workflow::VerifyOptions& options, ProgressPrinter& printer,
                                                  const std::string& output) {
  auto v = workflow::verify(client, spec, options, printer.sink());
  printer.finish();
  if (!v) {
    printer({workflow::Event::Kind::fail, "verify", v.error().message, {}});
    return std::nullopt;
  }
  if (output == "json")
    std::cout << workflow::json{{"kind", "verify"}, {"report", workflow::to_json(*v)}}.dump() << "\n";
  else
    print_verify(std::cout, *v);
  return *v;
}

}  // namespace dl::cli
