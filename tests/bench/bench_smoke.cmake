# Runs `lanyard-bench --quick --json OUT` and checks that OUT parses and holds each scenario of a
# quick run with its figures. No timing is asserted: a benchmark is not a test.
#   cmake -DBENCH=path/to/lanyard-bench -DOUT=out.json -P bench_smoke.cmake

file(REMOVE ${OUT})
execute_process(COMMAND ${BENCH} --quick --json ${OUT}
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 110)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "lanyard-bench --quick failed (${result}):\n${output}\n${errors}")
endif()
file(READ ${OUT} json)

set(expected
  "import:throughput_per_s;ratio_to_limit;peak_rss_mb"
  "check_in_c1:throughput_per_s;p50_ms;p95_ms;p99_ms;peak_rss_mb;ratio_to_limit"
  "check_in_c8:throughput_per_s;p50_ms;p95_ms;p99_ms;peak_rss_mb;ratio_to_limit;cpu_us_per_check_in;code_check_cpu_us;store_cpu_us_per_check_in;ratio_ceiling"
  "search_n2000:throughput_per_s;p99_ms;server_p99_ms;ratio_to_limit;cpu_us_per_search;search_cpu_us;ratio_ceiling"
  "fanout:throughput_per_s;p99_ms;events_missed;ratio_to_limit;peak_rss_mb"
  "stalled:check_in_rate_per_s;check_in_rate_without_per_s;p99_ms;p99_without_ms;ratio_to_limit"
  "export:throughput_per_s;ratio_to_limit;peak_rss_mb"
  "server:peak_rss_mb")
foreach(entry IN LISTS expected)
  string(REPLACE ":" ";" parts "${entry}")
  list(POP_FRONT parts scenario)
  string(REPLACE ":" ";" keys "${parts}")
  foreach(key IN LISTS keys)
    string(JSON value ERROR_VARIABLE error GET "${json}" ${scenario} ${key})
    if(error)
      message(FATAL_ERROR "${OUT}: ${scenario}.${key}: ${error}\n${json}")
    endif()
    string(JSON type TYPE "${json}" ${scenario} ${key})
    if(NOT type STREQUAL "NUMBER")
      message(FATAL_ERROR "${OUT}: ${scenario}.${key} is ${type}, not a number\n${json}")
    endif()
  endforeach()
endforeach()
string(JSON missed GET "${json}" fanout events_missed)
message(STATUS "lanyard-bench --quick wrote ${OUT}: every scenario present (fan-out missed ${missed} events)")
