# Brings node_modules up to date with package-lock.json for the Node client test:
#   cmake -DNPM=/usr/bin/npm -DNODE_DIR=tests/e2e/node -P npm_ci.cmake
# Runs `npm ci` only when node_modules is missing or older than the lock file. Without npm it does
# nothing: the test skips when node is missing too, and otherwise fails saying what to run.

if(NOT NPM)
  message(STATUS "npm not found: not installing the Node client's packages")
  return()
endif()
set(installed "${NODE_DIR}/node_modules/.package-lock.json")
if(EXISTS "${installed}" AND NOT "${NODE_DIR}/package-lock.json" IS_NEWER_THAN "${installed}")
  message(STATUS "${NODE_DIR}/node_modules is up to date")
  return()
endif()
execute_process(
  COMMAND "${NPM}" ci --no-audit --no-fund --prefix "${NODE_DIR}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "`npm ci --prefix ${NODE_DIR}` failed (${result}); is the npm registry reachable?")
endif()
