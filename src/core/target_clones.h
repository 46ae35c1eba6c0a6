// VESTNIK_AVX2_CLONES: compile a hot function twice, for processors with AVX2 and for any
// x86-64 (SSE2), the one that fits chosen when the program loads (GCC's target_clones; other
// compilers and processors get the one plain version).
//
// For loops over short vectors of floats or integers (the tagger's label sums and Viterbi
// lanes): SSE2 has no blend instruction and adds four int32 per instruction, AVX2 eight. Use it
// only where the operations are the same in both versions (no floating-point contraction or
// reassociation is enabled by the target), so that results are the same bit for bit.
#ifndef VESTNIK_CORE_TARGET_CLONES_H_
#define VESTNIK_CORE_TARGET_CLONES_H_

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VESTNIK_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VESTNIK_AVX2_CLONES
#endif

#endif  // VESTNIK_CORE_TARGET_CLONES_H_
