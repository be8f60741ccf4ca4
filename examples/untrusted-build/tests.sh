#!/bin/sh
# The project's "test suite".
add() { echo $(( $1 + $2 )); }
[ "$(add 2 2)" = 4 ] && echo "ok 1 - add"
[ "$(add 2 3)" = 5 ] && echo "ok 2 - add again"
