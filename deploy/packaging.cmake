# Debian packages, made by CPack's DEB generator from the install rules (docs/venue.md,
# deploy/kiosk/README.md):
#   lanyard-server  install component `server`: lanyard-server, lanyard, the config, the unit
#   lanyard-kiosk   install component `kiosk`: lanyard-kiosk, lanyard-dashboard, the config, the unit
#   cpack --config build/CPackConfig.cmake -B build/packages     (deploy/quickstart.sh package)
# Only these two components are packaged, so nothing else the build makes (tests, the bench) can
# end up in a package. tests/package/check_packages.sh checks them and installs them into a root.
#
# The files below are installed only by a component's own install (EXCLUDE_FROM_ALL): they are
# absolute Debian paths, which a plain `cmake --install` into a prefix must not write.

set(CPACK_PACKAGE_CONTACT "Lanyard maintainers <maintainers@users.noreply.r-seed-8a0e8c01.example>"
  CACHE STRING "The packages' Maintainer field")
set(lanyard_debian_dir ${PROJECT_SOURCE_DIR}/deploy/debian)
set(lanyard_package_dir ${PROJECT_BINARY_DIR}/packaging)

# Both packages' documents: the copyright file, Lanyard's own changelog as the upstream changelog,
# and a Debian changelog of one entry for this version, compressed as Debian policy asks (gzip -9n:
# no name or time in the header, so equal input gives an equal file).
string(TIMESTAMP lanyard_package_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${lanyard_debian_dir}/changelog.Debian.in ${lanyard_package_dir}/changelog.Debian @ONLY)
foreach(pair "changelog.Debian;${lanyard_package_dir}/changelog.Debian" "changelog;${PROJECT_SOURCE_DIR}/CHANGELOG.md")
  list(GET pair 0 name)
  list(GET pair 1 source)
  execute_process(COMMAND gzip -9nc INPUT_FILE ${source} OUTPUT_FILE ${lanyard_package_dir}/${name}.gz
    COMMAND_ERROR_IS_FATAL ANY)
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${lanyard_debian_dir}/changelog.Debian.in ${PROJECT_SOURCE_DIR}/CHANGELOG.md)

# lanyard_package_files(COMPONENT PACKAGE): the documents and the lintian overrides of one package.
function(lanyard_package_files component package)
  install(FILES ${lanyard_debian_dir}/copyright ${lanyard_package_dir}/changelog.Debian.gz
    ${lanyard_package_dir}/changelog.gz
    DESTINATION /usr/share/doc/${package} COMPONENT ${component} EXCLUDE_FROM_ALL)
  install(FILES ${lanyard_debian_dir}/${component}/lintian-overrides DESTINATION /usr/share/lintian/overrides
    RENAME ${package} COMPONENT ${component} EXCLUDE_FROM_ALL)
endfunction()

lanyard_package_files(server lanyard-server)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/lanyard.conf.example DESTINATION /etc/lanyard RENAME lanyard.conf
  PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT server EXCLUDE_FROM_ALL)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/lanyard-server.service DESTINATION /lib/systemd/system
  COMPONENT server EXCLUDE_FROM_ALL)
# `lanyard-server demo` finds them beside its binary, in ../share/lanyard/demo (app/server_options.h).
install(FILES ${PROJECT_SOURCE_DIR}/deploy/demo/delegates.csv ${PROJECT_SOURCE_DIR}/deploy/demo/sessions.csv
  DESTINATION /usr/share/lanyard/demo COMPONENT server EXCLUDE_FROM_ALL)

if(LANYARD_BUILD_KIOSK)
  lanyard_package_files(kiosk lanyard-kiosk)
  install(FILES ${PROJECT_SOURCE_DIR}/deploy/kiosk/kiosk.conf.example DESTINATION /etc/lanyard RENAME kiosk.conf
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT kiosk EXCLUDE_FROM_ALL)
  install(FILES ${PROJECT_SOURCE_DIR}/deploy/kiosk/lanyard-kiosk.service DESTINATION /lib/systemd/system
    COMPONENT kiosk EXCLUDE_FROM_ALL)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lanyard)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)  # Debian ships stripped binaries; the build tree keeps the debug info.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server)
if(LANYARD_BUILD_KIOSK)
  list(APPEND CPACK_COMPONENTS_ALL kiosk)
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # lanyard-server_0.1.0-1_amd64.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Control files with the modes policy asks for (scripts 0755, the rest 0644).
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# What the maintainer scripts run: useradd and groupadd (passwd); dpkg-statoverride and
# deb-systemd-helper come with essential packages (dpkg, init-system-helpers).
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME lanyard-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "passwd")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "sqlite3, postgresql")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
  ${lanyard_debian_dir}/server/conffiles ${lanyard_debian_dir}/server/postinst
  ${lanyard_debian_dir}/server/prerm ${lanyard_debian_dir}/server/postrm)
set(CPACK_COMPONENT_SERVER_DESCRIPTION "event check-in server and admin CLI
Lanyard checks delegates in at conferences: kiosks scan badge codes or find
names, print badges and admit people to sessions. This package holds the
gRPC server that keeps the event (in SQLite or PostgreSQL), the systemd unit
that runs it as the lanyard user, and the lanyard command-line client for
admins, organisers and the help desk.")

# The kiosk's QML modules, translations and badge template are compiled into its binaries; what
# they load at run time is Qt's own QML modules and plugins, the fonts its thirteen languages
# need, and cage, the compositor its unit runs it under.
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME lanyard-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "passwd, cage, qt6-wayland, \
qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, \
qml6-module-qtquick-window, qml6-module-qtquick-templates, qml6-module-qtqml, \
qml6-module-qtqml-workerscript, qml6-module-qtqml-models, qml6-module-qtquick-dialogs, \
qml6-module-qt-labs-folderlistmodel, qml6-module-qtquick-virtualkeyboard, qt6-virtualkeyboard-plugin, \
fonts-noto-core, fonts-dejavu-core")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cups")
set(CPACK_DEBIAN_KIOSK_PACKAGE_SUGGESTS "printer-driver-cups-pdf")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  ${lanyard_debian_dir}/kiosk/conffiles ${lanyard_debian_dir}/kiosk/postinst
  ${lanyard_debian_dir}/kiosk/prerm ${lanyard_debian_dir}/kiosk/postrm)
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "self check-in kiosk and organisers' dashboard
Lanyard checks delegates in at conferences. lanyard-kiosk is the touch-screen
kiosk: it scans a badge code or finds a name, checks the delegate in and
prints their badge, or stands at a session's door; it goes on working from
its own replica while the server cannot be reached. This package runs it
full screen at boot under the cage compositor, as the lanyard-kiosk user.
lanyard-dashboard shows the event's attendance live.")

include(CPack)
