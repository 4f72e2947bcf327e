# SOCI 4.0 on Debian ships neither a CMake package nor a pkg-config file, so the
# headers and libraries are located here and wrapped in one imported target.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_MYSQL_LIBRARY soci_mysql REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
# SOCI's headers include Boost headers without declaring the dependency.
find_path(BOOST_INCLUDE_DIR boost/optional.hpp REQUIRED)

add_library(soci::soci INTERFACE IMPORTED)
target_include_directories(soci::soci INTERFACE ${SOCI_INCLUDE_DIR} ${BOOST_INCLUDE_DIR})
target_link_libraries(soci::soci INTERFACE
  ${SOCI_MYSQL_LIBRARY} ${SOCI_SQLITE3_LIBRARY} ${SOCI_CORE_LIBRARY}
  PkgConfig::MARIADB PkgConfig::SQLITE3 ${CMAKE_DL_LIBS})
