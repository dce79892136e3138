// civo-sim: starts the simulated Civo API and prints its URL as the first
// stdout line. Stops on SIGINT or SIGTERM.
//
//   civo-sim --addr 127.0.0.1:0 --token T [--build-time 2s] [--action-time 500ms]
//            [--latency 50ms] [--fault-rate 0.1 --fault-seed N] [--rate-limit N/s]
//            [--regions LON1,NYC1] [--threads 64] [--per-page 20]
//            [--ambiguous-next N --ambiguous-status 502 --ambiguous-method PUT --ambiguous-path /v2/instances/]
//            [--drop-next N --drop-perform true|false --drop-method PUT --drop-path /v2/volumes/]
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "sim/simulator.h"

namespace {

bool ParseDuration(const std::string& s, std::chrono::milliseconds* out) {
  // Accepts 250ms, 2s, 1.5s, 1m, or a bare number of milliseconds.
  size_t pos = 0;
  double v = 0;
  try {
    v = std::stod(s, &pos);
  } catch (...) {
    return false;
  }
  std::string unit = s.substr(pos);
  double ms = 0;
  if (unit.empty() || unit == "ms") ms = v;
  else if (unit == "s") ms = v * 1000;
  else if (unit == "m") ms = v * 60000;
  else return false;
  if (ms < 0) return false;
  *out = std::chrono::milliseconds(static_cast<int64_t>(ms));
  return true;
}

int Usage(const char* why) {
  std::fprintf(stderr,
               "civo-sim: %s\nusage: civo-sim --addr HOST:PORT --token TOKEN [--build-time 2s] "
               "[--action-time 500ms] [--latency 0ms] [--fault-rate 0.0] [--fault-seed 1] "
               "[--rate-limit N/s] [--regions LON1,NYC1,FRA1] [--threads 64] [--per-page 20] "
               "[--ambiguous-next N] [--ambiguous-status 502] [--ambiguous-method M] [--ambiguous-path PREFIX] "
               "[--drop-next N] [--drop-perform true|false] [--drop-method M] [--drop-path PREFIX]\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  civosim::SimOptions opts;
  if (const char* t = std::getenv("CIVO_TOKEN")) opts.config.token = t;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    size_t eq = flag.find('=');
    if (eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (flag == "-h" || flag == "--help") {
      Usage("help");
      return 0;
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return Usage(("missing value for " + flag).c_str());
    }
    try {
      if (flag == "--addr") {
        size_t colon = value.rfind(':');
        if (colon == std::string::npos) return Usage("--addr must be HOST:PORT");
        opts.host = value.substr(0, colon);
        opts.port = std::stoi(value.substr(colon + 1));
      } else if (flag == "--token") {
        opts.config.token = value;
      } else if (flag == "--build-time") {
        if (!ParseDuration(value, &opts.config.build_time)) return Usage("bad --build-time");
      } else if (flag == "--action-time") {
        if (!ParseDuration(value, &opts.config.action_time)) return Usage("bad --action-time");
      } else if (flag == "--latency") {
        if (!ParseDuration(value, &opts.config.latency)) return Usage("bad --latency");
      } else if (flag == "--fault-rate") {
        opts.config.fault_rate = std::stod(value);
      } else if (flag == "--fault-seed") {
        opts.config.fault_seed = std::stoull(value);
      } else if (flag == "--rate-limit") {
        opts.config.rate_limit = std::stod(value.substr(0, value.find('/')));
      } else if (flag == "--regions") {
        opts.config.regions.clear();
        size_t start = 0;
        while (start <= value.size()) {
          size_t comma = value.find(',', start);
          if (comma == std::string::npos) comma = value.size();
          if (comma > start) opts.config.regions.push_back(value.substr(start, comma - start));
          start = comma + 1;
        }
      } else if (flag == "--threads") {
        opts.threads = std::stoi(value);
      } else if (flag == "--per-page") {
        opts.config.default_per_page = std::stoi(value);
      } else if (flag == "--ambiguous-next") {
        opts.config.ambiguous_next = std::stoi(value);
      } else if (flag == "--ambiguous-status") {
        opts.config.ambiguous_status = std::stoi(value);
        if (opts.config.ambiguous_status != 500 && opts.config.ambiguous_status != 502 &&
            opts.config.ambiguous_status != 504) {
          return Usage("--ambiguous-status must be 500, 502 or 504");
        }
      } else if (flag == "--ambiguous-method") {
        opts.config.ambiguous_method = value;
      } else if (flag == "--ambiguous-path") {
        opts.config.ambiguous_path_prefix = value;
      } else if (flag == "--drop-next") {
        opts.config.drop_next = std::stoi(value);
      } else if (flag == "--drop-perform") {
        if (value != "true" && value != "false") return Usage("--drop-perform must be true or false");
        opts.config.drop_perform = value == "true";
      } else if (flag == "--drop-method") {
        opts.config.drop_method = value;
      } else if (flag == "--drop-path") {
        opts.config.drop_path_prefix = value;
      } else {
        return Usage(("unknown flag " + flag).c_str());
      }
    } catch (...) {
      return Usage(("bad value for " + flag).c_str());
    }
  }
  if (opts.config.token.empty()) return Usage("--token (or CIVO_TOKEN) is required");

  // Block the stop signals before any thread starts so only sigwait sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  civosim::Simulator sim(opts);
  if (!sim.Start()) {
    std::fprintf(stderr, "civo-sim: cannot listen on %s:%d\n", opts.host.c_str(), opts.port);
    return 1;
  }
  std::cout << sim.url() << std::endl;
  std::fprintf(stderr, "civo-sim: serving the Civo API at %s (admin endpoints under /_sim/)\n", sim.url().c_str());
  int sig = 0;
  sigwait(&stop, &sig);
  sim.Stop();
  return 0;
}
