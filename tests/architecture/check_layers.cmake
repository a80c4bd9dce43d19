# Fails when a server layer includes a layer above it, or a library it must not use: the layers of
# docs/architecture.md, held by their #include lines. Run by ctest as LayeringTest:
#   cmake -DSERVER_DIR=<repo>/server -P check_layers.cmake
#
# The compiler holds the roots: each layer's library exports only <layer>/include, so a layer
# cannot include one it does not link. This test holds the list: which linked layers a layer may
# include directly, and the system headers it must not use (sqlite3.h or grpcpp/ in the domain),
# which the compiler finds on every layer's include path. It reads every .h and .cpp under
# server/<layer>/, its include/<layer>/ folder with them, and fails on a header outside that folder.

cmake_minimum_required(VERSION 3.25)

# Each layer: the project directories it may include, and the system headers it must not. The
# domain does no I/O: files, temporary files and libxlsxwriter belong to the export layer.
set(allowed_domain "domain")
set(allowed_export "domain;export")
set(allowed_sqlite "domain;sqlite")
set(allowed_storage "domain;sqlite;storage")
set(allowed_postgres "domain;postgres")
set(allowed_live "domain;live")
set(allowed_rpc "domain;export;live;rpc;lanyard")
set(allowed_cli "cli;domain;export;lanyard")
set(allowed_app "app;domain;live;postgres;rpc;sqlite;storage")
set(forbidden_domain
    "grpcpp/;grpc/;sqlite3.h;google/protobuf/;xlsxwriter.h;fstream;iostream;filesystem;unistd.h;fcntl.h;dirent.h;sys/")
set(forbidden_export "grpcpp/;grpc/;sqlite3.h;google/protobuf/")
set(forbidden_sqlite "grpcpp/;grpc/;google/protobuf/;xlsxwriter.h")
set(forbidden_storage "grpcpp/;grpc/;google/protobuf/;xlsxwriter.h")
set(forbidden_postgres "grpcpp/;grpc/;google/protobuf/;sqlite3.h;xlsxwriter.h")
set(forbidden_live "grpcpp/;grpc/;sqlite3.h;google/protobuf/;xlsxwriter.h")
set(forbidden_rpc "sqlite3.h;xlsxwriter.h")
set(forbidden_cli "sqlite3.h;xlsxwriter.h")
set(forbidden_app "grpcpp/;grpc/;sqlite3.h;google/protobuf/;xlsxwriter.h")
# The project's own include roots: anything else in quotes is a library (absl/...) or generated.
set(project_roots "app;cli;domain;export;lanyard;live;postgres;rpc;sqlite;storage")

set(violations "")
foreach(layer domain export sqlite storage postgres live rpc cli app)
  file(GLOB_RECURSE sources "${SERVER_DIR}/${layer}/*.h" "${SERVER_DIR}/${layer}/*.cpp")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    file(RELATIVE_PATH shown "${SERVER_DIR}/.." "${source}")
    # Beside the sources, a header is out of the layer's include root: others cannot include it as
    # "<layer>/X.h", and a source beside it can by its bare name.
    string(FIND "${source}" "${SERVER_DIR}/${layer}/include/${layer}/" in_root)
    if(source MATCHES "\\.h$" AND NOT in_root EQUAL 0)
      string(APPEND violations "\n  ${shown}: a header of the ${layer} layer outside server/${layer}/include/${layer}/")
    endif()
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" header "${line}")
      string(REGEX MATCH "^[a-z_]+/" root "${header}")
      string(REGEX REPLACE "/$" "" root "${root}")
      if(root IN_LIST project_roots AND NOT root IN_LIST allowed_${layer})
        string(APPEND violations "\n  ${shown}: the ${layer} layer includes ${header} (it may include: ${allowed_${layer}})")
      endif()
      foreach(banned IN LISTS forbidden_${layer})
        string(FIND "${header}" "${banned}" at)
        if(at EQUAL 0)
          string(APPEND violations "\n  ${shown}: the ${layer} layer includes ${header}, which it must not use")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "layering broken:${violations}")
endif()
message(STATUS "every server layer includes only the layers beneath it")
