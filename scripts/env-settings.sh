# Sourced by the scripts whose settings are environment variables only (build-images.sh,
# release.sh), before they change directory: -h/--help prints the calling script's header
# comment, its usage; any other argument is refused with exit 2.
env_settings_only() { # the script's path as called, then its arguments
  local script=$1
  shift
  case "${1:-}" in
    "") ;;
    -h|--help) sed -n '2,/^set -euo/p' "$script" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$(basename "$script"): unexpected argument '$1' (settings are environment variables: see --help)" >&2
       exit 2 ;;
  esac
}
