# Runs `lanyard-bench --quick --backend sqlite,postgresql --json OUT` and checks that OUT parses and holds each scenario of a
# quick run with its figures, then `--quick --scale` and its plot. No timing is asserted: a benchmark is not a test.
#   cmake -DBENCH=path/to/lanyard-bench -DOUT=out.json -P bench_smoke.cmake

file(REMOVE ${OUT})
execute_process(COMMAND ${BENCH} --quick --backend sqlite,postgresql --json ${OUT}
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
  "server:peak_rss_mb"
  "morning_peak:entrance_p99_ms;session_door_p99_ms;search_p99_ms;dashboard_p99_ms;exports;server_cpu_share"
  "replica_seal:throughput_per_s;seconds;server_cpu_seconds"
  "replica_sync:seconds;bytes_per_kiosk;server_cpu_seconds;ratio_to_limit;bytes_ratio;server_cpu_ratio;one_ratio"
  "replica_change:p50_ms;p99_ms;receipts;receipts_missed"
  "offline_drain:drain_seconds;online_seconds;throughput_per_s;ratio_to_limit;uploads_admitted;conflicts"
  "import_postgresql:throughput_per_s;ratio_to_limit"
  "check_in_c8_postgresql:throughput_per_s;p99_ms;ratio_to_limit;ratio_to_storage_limit"
  "check_in_two_servers_postgresql:throughput_per_s;one_server_throughput_per_s;ratio_to_limit"
  "search_n2000_postgresql:throughput_per_s;p99_ms;ratio_to_limit"
  "fanout_postgresql:throughput_per_s;p99_ms;events_missed;ratio_to_limit")
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
# Counts, not timings: every kiosk has a complete copy and every change reached every kiosk.
foreach(check IN ITEMS "replica_sync;kiosks_incomplete;0" "replica_sync;failed;0" "replica_change;receipts_missed;0"
                       "offline_drain;failed;0" "check_in_two_servers_postgresql;failed;0"
                       "morning_peak;entrance_failed;0" "morning_peak;session_door_failed;0"
                       "morning_peak;search_failed;0" "morning_peak;dashboard_events_missed;0")
  list(GET check 0 scenario)
  list(GET check 1 key)
  list(GET check 2 want)
  string(JSON value GET "${json}" ${scenario} ${key})
  if(NOT value EQUAL want)
    message(FATAL_ERROR "${OUT}: ${scenario}.${key} is ${value}, not ${want}\n${json}")
  endif()
endforeach()
string(JSON delegates GET "${json}" replica_sync delegates)
string(JSON fewest GET "${json}" replica_sync fewest_delegates_per_kiosk)
if(NOT fewest EQUAL delegates)
  message(FATAL_ERROR "${OUT}: a kiosk's first copy held ${fewest} of ${delegates} delegates\n${json}")
endif()
# The scale curves at two small sizes, and their plot.
set(scale_out ${OUT}.scale.json)
set(plot ${OUT}.scale.svg)
file(REMOVE ${scale_out} ${plot})
execute_process(COMMAND ${BENCH} --quick --scale --plot ${plot} --json ${scale_out}
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "lanyard-bench --quick --scale failed (${result}):\n${output}\n${errors}")
endif()
file(READ ${scale_out} scale_json)
foreach(entry IN ITEMS "import_scale_n3000;seconds" "check_in_c64_scale_n3000;server_cpu_us_writer"
                       "search_n3000_scale_n3000;p99_ms" "export_scale_n3000;ratio_to_limit"
                       "replica_copy_scale_n3000;seconds" "server_scale_n3000;peak_rss_mb"
                       "scale;import_seconds_growth" "scale;replica_copy_seconds_growth")
  list(GET entry 0 scenario)
  list(GET entry 1 key)
  string(JSON type ERROR_VARIABLE error TYPE "${scale_json}" ${scenario} ${key})
  if(error OR NOT type STREQUAL "NUMBER")
    message(FATAL_ERROR "${scale_out}: ${scenario}.${key} is not a number: ${error}\n${scale_json}")
  endif()
endforeach()
file(READ ${plot} svg)
if(NOT svg MATCHES "^<svg" OR NOT svg MATCHES "first copy seconds")
  message(FATAL_ERROR "${plot} is not the curves' plot:\n${svg}")
endif()
string(JSON missed GET "${json}" fanout events_missed)
message(STATUS "lanyard-bench --quick wrote ${OUT}: every scenario present (fan-out missed ${missed} events)")
