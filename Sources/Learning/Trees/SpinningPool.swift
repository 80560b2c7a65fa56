import Atomics
import Foundation

/// A fork-join pool for the tree kernels' short parallel regions (a histogram and split search per tree
/// node, tens of microseconds each): helper threads spin on a region counter for a while before they
/// sleep, as OpenMP runtimes do, so a region starts without a thread wake-up (which costs about as much as
/// the region itself on a virtual machine). One region runs at a time; a caller that finds the pool busy
/// (a nested region, or fits running side by side) is told so and runs its chunks another way.
///
/// **Protocol.** The caller stores the body, then publishes `(region, chunk count, next chunk = 0)` in one
/// atomic word; every participant (the caller included) claims chunks by compare-and-swap on that word,
/// which fails once a newer region is published, so a chunk always runs with its own region's body; the
/// caller returns when every chunk has completed. Sleepers wait on a condition the caller broadcasts after
/// publishing.
final class SpinningPool: @unchecked Sendable {
    /// The pool of the process: one helper per core beyond the first.
    static let shared = SpinningPool(helpers: TreeParallel.coreCount - 1)

    /// Spins (atomic loads) a helper makes before it sleeps: some tens of microseconds.
    static let spinLimit = 5_000

    private let helpers: Int
    /// Bits 40–63: region number (wrapping); bits 20–39: chunk count; bits 0–19: next chunk to claim.
    private let claim = ManagedAtomic<UInt64>(0)
    private let completed = ManagedAtomic<Int>(0)
    private let busy = ManagedAtomic<Bool>(false)
    private let wake = NSCondition()
    private var sleepers = 0
    private var region: UInt64 = 0
    private var body: ((Int) -> Void)?

    private init(helpers: Int) {
        self.helpers = max(0, helpers)
        for _ in 0..<self.helpers {
            let thread = Thread { [unowned self] in self.helperLoop() }
            thread.name = "immunokit-trees"
            thread.start()
        }
    }

    /// Runs `body(c)` for every chunk `c` in `0..<count` on the caller and the helpers, and returns true;
    /// returns false at once, running nothing, when the pool has no helpers or is running another region.
    func run(_ count: Int, _ body: (Int) -> Void) -> Bool {
        guard helpers > 0, count > 0, count < 1 << 20,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            completed.store(0, ordering: .relaxed)
            region = (region + 1) & 0xff_ffff
            let current = region
            claim.store(current << 40 | UInt64(count) << 20, ordering: .releasing)
            wake.lock()
            if sleepers > 0 { wake.broadcast() }
            wake.unlock()
            work(region: current)
            while completed.load(ordering: .acquiring) < count {}
            self.body = nil
        }
        return true
    }

    /// Claims and runs chunks of region `r` until none is left (or a newer region is published).
    private func work(region r: UInt64) {
        var word = claim.load(ordering: .acquiring)
        while true {
            let next = word & 0xfffff, count = (word >> 20) & 0xfffff
            guard word >> 40 == r, next < count else { return }
            let (exchanged, original) = claim.compareExchange(expected: word, desired: word + 1, ordering: .acquiringAndReleasing)
            guard exchanged else { word = original; continue }
            body!(Int(next))
            completed.wrappingIncrement(ordering: .releasing)
            word = claim.load(ordering: .acquiring)
        }
    }

    private func helperLoop() {
        var seen = claim.load(ordering: .acquiring) >> 40
        while true {
            var spins = 0
            var word = claim.load(ordering: .acquiring)
            while word >> 40 == seen {
                spins += 1
                if spins >= Self.spinLimit {
                    wake.lock()
                    sleepers += 1
                    while claim.load(ordering: .acquiring) >> 40 == seen { wake.wait() }
                    sleepers -= 1
                    wake.unlock()
                    spins = 0
                }
                word = claim.load(ordering: .acquiring)
            }
            seen = word >> 40
            work(region: seen)
        }
    }
}
