# Sourced by ./gantry and the bench scripts before they start Java.
#
# glibc's allocator. libtorch allocates and frees its im2col and activation buffers every training
# step. With glibc's defaults the largest are mapped and unmapped each time and the freed top of the
# heap goes back to the kernel, so each step faults its buffers in (zeroed) again: a million page
# faults per 220 dcgan-mnist steps, and a step time that doubled from one run to the next. One arena
# with high mmap and trim thresholds keeps them: 50 faults a step, and resident memory flat over
# 6,000 steps (docs/RESULTS.md, "Fast on every CPU (issue 19), second session"). Numbers computed are
# the same either way. A MALLOC_* variable of the user's own wins: then none of these is set.
gantry_user_malloc=
for gantry_variable in $(compgen -e); do
  case "$gantry_variable" in MALLOC_*) gantry_user_malloc=1 ;; esac
done
if [ -z "$gantry_user_malloc" ]; then
  # glibc before 2.35 ignores an mmap threshold above 32 MiB (and then keeps its 128 KiB default,
  # the worst case), so older ones get 32 MiB: buffers larger than that are still mapped afresh.
  gantry_mmap=536870912
  case "$(getconf GNU_LIBC_VERSION 2>/dev/null)" in
    "glibc 2."[0-9] | "glibc 2."[0-9].* | "glibc 2."[12][0-9] | "glibc 2."[12][0-9].* | "glibc 2.3"[0-4] | "glibc 2.3"[0-4].*)
      gantry_mmap=33554432 ;;
  esac
  export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=$gantry_mmap MALLOC_TRIM_THRESHOLD_=268435456 GANTRY_MALLOC=launcher
fi
unset gantry_user_malloc gantry_variable gantry_mmap
