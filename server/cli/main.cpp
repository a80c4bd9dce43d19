// lanyard: the command line of admins, organisers and the help desk, a gRPC client of lanyard-server.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/terminal_output.h"

int main(int argc, char** argv) {
  // Names, notes and server messages are data: none of them may drive the terminal.
  const lanyard::cli::TerminalSafeStandardStreams safeStreams;
  lanyard::cli::Invocation invocation;
  invocation.out = &std::cout;
  invocation.err = &std::cerr;
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(2);
      std::optional<std::string> value;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
      }
      if (!lanyard::cli::isOption(name)) {
        std::cerr << "lanyard: unknown option --" << name << "\n(see lanyard --help)\n";
        return 2;
      }
      if (value) {
        invocation.options[name] = *value;
      } else if (lanyard::cli::isSwitch(name)) {
        invocation.options[name] = "true";
      } else if (i + 1 < argc) {
        invocation.options[name] = argv[++i];
      } else {
        std::cerr << "lanyard: --" << name << " needs a value\n";
        return 2;
      }
    } else if (arg == "-h") {
      invocation.options["help"] = "true";
    } else {
      words.push_back(arg);
    }
  }
  if (invocation.options.count("help") != 0) {
    std::cout << lanyard::cli::usage();
    return 0;
  }
  if (words.empty()) {
    std::cerr << lanyard::cli::usage();
    return 2;
  }

  const auto option = [&](const char* name, const char* env) {
    auto found = invocation.options.find(name);
    if (found != invocation.options.end()) return found->second;
    const char* value = std::getenv(env);
    return std::string(value != nullptr ? value : "");
  };
  const std::string server = option("server", "LANYARD_SERVER");
  invocation.token = option("token", "LANYARD_TOKEN");
  invocation.json = invocation.options.count("json") != 0;
  if (server.empty()) {
    std::cerr << "lanyard: no server: give --server HOST:PORT or set LANYARD_SERVER\n";
    return 2;
  }
  if (server.find(':') == std::string::npos) {
    std::cerr << "lanyard: --server " << server << " has no port: give HOST:PORT, e.g. " << server << ":50051\n";
    return 2;
  }
  if (invocation.token.empty()) {
    std::cerr << "lanyard: no token: give --token TOKEN or set LANYARD_TOKEN\n";
    return 2;
  }

  std::shared_ptr<grpc::ChannelCredentials> credentials;
  const std::string caFile = option("ca-cert", "LANYARD_CA_CERT");
  if (invocation.options.count("tls") != 0 || !caFile.empty()) {
    grpc::SslCredentialsOptions ssl;
    if (!caFile.empty()) {
      std::ifstream in(caFile);
      if (!in) {
        std::cerr << "lanyard: cannot read the CA certificate " << caFile << "\n";
        return 2;
      }
      std::ostringstream pem;
      pem << in.rdbuf();
      ssl.pem_root_certs = pem.str();
    }
    credentials = grpc::SslCredentials(ssl);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(256 * 1024 * 1024);
  invocation.channel = grpc::CreateCustomChannel(server, credentials, arguments);
  return lanyard::cli::runCommand(words, invocation);
}
