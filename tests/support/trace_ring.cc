#include "tests/support/trace_ring.h"

// Not instrumented by TSan; and no loop may become a call to memcpy, which TSan intercepts.
// gcc: its loop-distribution pass makes such calls. clang has no `optimize` attribute; its
// loop-idiom pass makes them, unless no_builtin takes those functions away (checked: -O1, TSan).
#if defined(__clang__)
#define KATA_UNWATCHED \
  __attribute__((no_sanitize("thread"), no_builtin("memcpy", "memmove", "memset")))
#else
#define KATA_UNWATCHED \
  __attribute__((no_sanitize("thread"), optimize("no-tree-loop-distribute-patterns")))
#endif

namespace kata::testing::trace::internal {
namespace {

constexpr std::uint64_t kSlots = 1 << 15;  // a power of two

// Plain data, so the ring is zero-initialised before any code runs: no static-initialisation
// order to get wrong. `turn` is read and written with atomic builtins. Slot i serves the
// positions i, i + kSlots, ...; for position p it holds turn == p - i while free and
// turn == p - i + 1 once the event for p is in it.
struct Slot {
  std::uint64_t turn;
  RingEvent event;
};

Slot ring[kSlots];
std::uint64_t head;  // the next position to push; atomic builtins only
std::uint64_t tail;  // the next position to pop; the popping thread's alone

KATA_UNWATCHED void CopyText(char* to, const char* from, std::size_t from_size, std::size_t size) {
  std::size_t i = 0;
  for (; i + 1 < size && i < from_size && from[i] != '\0'; ++i) {
    const char c = from[i];
    to[i] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  }
  to[i] = '\0';
}

KATA_UNWATCHED void CopyStack(std::uintptr_t* to, void* const* from, int depth) {
  int i = 0;
  for (; i < depth && i < kStackDepth; ++i) to[i] = reinterpret_cast<std::uintptr_t>(from[i]);
  for (; i < kStackDepth; ++i) to[i] = 0;
}

}  // namespace

KATA_UNWATCHED bool Push(std::uint64_t at_ns, long tid, std::string_view kind,
                         std::string_view detail, void* const* stack, int depth) {
  std::uint64_t pos = __atomic_load_n(&head, __ATOMIC_RELAXED);
  Slot* slot;
  for (;;) {
    slot = &ring[pos & (kSlots - 1)];
    const std::uint64_t free_turn = pos - (pos & (kSlots - 1));
    const auto lag =
        static_cast<std::int64_t>(__atomic_load_n(&slot->turn, __ATOMIC_ACQUIRE) - free_turn);
    if (lag == 0 && __atomic_compare_exchange_n(&head, &pos, pos + 1, /*weak=*/true,
                                                __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
      break;
    }
    if (lag < 0) return false;  // full: the popping thread is behind
    if (lag > 0) pos = __atomic_load_n(&head, __ATOMIC_RELAXED);
  }
  slot->event.at_ns = at_ns;
  slot->event.tid = tid;
  CopyText(slot->event.kind, kind.data(), kind.size(), sizeof slot->event.kind);
  CopyText(slot->event.detail, detail.data(), detail.size(), sizeof slot->event.detail);
  CopyStack(slot->event.stack, stack, stack != nullptr ? depth : 0);
  __atomic_store_n(&slot->turn, pos - (pos & (kSlots - 1)) + 1, __ATOMIC_RELEASE);
  return true;
}

KATA_UNWATCHED bool Pop(RingEvent& event) {
  Slot& slot = ring[tail & (kSlots - 1)];
  const std::uint64_t free_turn = tail - (tail & (kSlots - 1));
  if (__atomic_load_n(&slot.turn, __ATOMIC_ACQUIRE) != free_turn + 1) return false;
  event.at_ns = slot.event.at_ns;
  event.tid = slot.event.tid;
  CopyText(event.kind, slot.event.kind, sizeof event.kind, sizeof event.kind);
  CopyText(event.detail, slot.event.detail, sizeof event.detail, sizeof event.detail);
  for (int i = 0; i < kStackDepth; ++i) event.stack[i] = slot.event.stack[i];
  __atomic_store_n(&slot.turn, free_turn + kSlots, __ATOMIC_RELEASE);  // free for tail + kSlots
  ++tail;
  return true;
}

}  // namespace kata::testing::trace::internal
