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
  export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=536870912 MALLOC_TRIM_THRESHOLD_=268435456 GANTRY_MALLOC=launcher
fi
unset gantry_user_malloc gantry_variable
