# Installation layout and the DEB/RPM packages (CPack). `cmake --install` and `cpack` both use it.
# Contract: the packages hold /usr/bin/doca-layer, the kubectl/oc plugin name kubectl-doca_layer (a
# symlink, so `kubectl doca-layer ...` and `oc doca-layer ...` work), the man pages and bash/zsh
# completions (install rules beside their generator in src/cli/), and the license.
# scripts/package.sh builds release packages; tests/e2e/distro_packages.sh checks them.
include(GNUInstallDirs)

install(TARGETS doca-layer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The plugin name is a relative symlink made in the build tree; install(FILES) keeps it a symlink.
# kubectl_complete-doca_layer is kubectl's plugin completion hook (kubectl doca-layer <TAB>).
set(DL_PLUGIN_LINK ${CMAKE_BINARY_DIR}/share/plugin/kubectl-doca_layer)
set(DL_PLUGIN_COMPLETE_LINK ${CMAKE_BINARY_DIR}/share/plugin/kubectl_complete-doca_layer)
add_custom_command(OUTPUT ${DL_PLUGIN_LINK} ${DL_PLUGIN_COMPLETE_LINK}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/share/plugin
  COMMAND ${CMAKE_COMMAND} -E create_symlink doca-layer ${DL_PLUGIN_LINK}
  COMMAND ${CMAKE_COMMAND} -E create_symlink doca-layer ${DL_PLUGIN_COMPLETE_LINK}
  COMMENT "kubectl plugin links kubectl-doca_layer and kubectl_complete-doca_layer -> doca-layer" VERBATIM)
add_custom_target(dl_plugin_link ALL DEPENDS ${DL_PLUGIN_LINK} ${DL_PLUGIN_COMPLETE_LINK})
install(FILES ${DL_PLUGIN_LINK} ${DL_PLUGIN_COMPLETE_LINK} DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME doca-layer)
set(CPACK_PACKAGE_VENDOR "doca-layer authors")
set(CPACK_PACKAGE_CONTACT "doca-layer maintainers <doca-layer@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "NVIDIA OVS-DOCA on OpenShift nodes through on-cluster image layering")
set(CPACK_PACKAGE_DESCRIPTION
    "One declarative layer.yaml puts Open vSwitch with the DOCA datapath on the RHCOS nodes of a MachineConfigPool: render, preflight, apply, status, verify, rollback; with an embedded simulated OpenShift cluster.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR "DEB;RPM")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "kubectl, openvswitch-switch")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)

set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_GROUP "Applications/System")
set(CPACK_RPM_PACKAGE_URL "https://github.com/doca-layer/doca-layer")
set(CPACK_RPM_COMPRESSION_TYPE gzip)
# Directories owned by the filesystem/bash-completion/zsh packages, not by doca-layer.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/man /usr/share/man/man1 /usr/share/doc /usr/share/bash-completion
    /usr/share/bash-completion/completions /usr/share/zsh /usr/share/zsh/vendor-completions)

include(CPack)
