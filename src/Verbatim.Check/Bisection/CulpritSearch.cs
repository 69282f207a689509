using Verbatim.Check.Variations;

namespace Verbatim.Check.Bisection;

/// <summary>
/// Finds the smallest set of variations that still produces one difference, given a probe that builds an experiment
/// under a subset of the variations (memoised by the caller, so a subset is built once whoever asks).
/// <para>
/// Each round splits the candidates into 2^b groups (b = the number of builds that may run at once, at most
/// log2 of the candidates) and builds b probes at once, probe j holding the groups whose number has bit j set: which
/// probes still show the difference spells the number of the one group holding a single culprit. Rounds repeat
/// until one variation is left; it is confirmed by a build of it alone unless a probe already was exactly it. That is
/// ⌈log2 N⌉ builds, plus at most one, for a single culprit among N. When a round's answer is inconsistent or the
/// confirmation fails (the difference needs several variations together), a greedy minimisation takes over: drop
/// each variation in turn, keep it dropped when the difference survives, giving a set from which no one variation can
/// be removed.
/// </para>
/// </summary>
public sealed class CulpritSearch(Func<IReadOnlyList<IVariation>, Task<IReadOnlySet<string>>> probe, int parallelism)
{
    /// <summary>The culprits of the difference <paramref name="key"/>, which the experiment under all of <paramref name="variations"/> shows.</summary>
    public async Task<IReadOnlyList<IVariation>> FindAsync(string key, IReadOnlyList<IVariation> variations)
    {
        ArgumentNullException.ThrowIfNull(variations);
        var candidates = variations.ToList();
        var tested = new HashSet<string>(StringComparer.Ordinal) { Name(candidates) };
        while (candidates.Count > 1)
        {
            var bits = Math.Max(1, Math.Min(Math.Max(1, parallelism), (int)Math.Ceiling(Math.Log2(candidates.Count))));
            var groups = 1 << bits;
            var groupOf = Enumerable.Range(0, candidates.Count).Select(i => (int)((long)i * groups / candidates.Count)).ToList();
            var probes = Enumerable.Range(0, bits)
                .Select(bit => (IReadOnlyList<IVariation>)[.. candidates.Where((_, i) => (groupOf[i] & (1 << bit)) != 0)])
                .ToList();
            var answers = await Task.WhenAll(probes.Select(p => p.Count == 0 ? Task.FromResult(false) : Shows(p))).ConfigureAwait(false);
            foreach (var p in probes)
            {
                tested.Add(Name(p));
            }

            var group = answers.Select((shown, bit) => shown ? 1 << bit : 0).Sum();
            var next = candidates.Where((_, i) => groupOf[i] == group).ToList();
            if (next.Count == 0 || next.Count == candidates.Count)
            {
                return await MinimizeAsync(variations).ConfigureAwait(false);
            }

            candidates = next;
        }

        if (!tested.Contains(Name(candidates)) && !await Shows(candidates).ConfigureAwait(false))
        {
            return await MinimizeAsync(variations).ConfigureAwait(false);
        }

        return candidates;

        async Task<bool> Shows(IReadOnlyList<IVariation> subset) => (await probe(subset).ConfigureAwait(false)).Contains(key);

        async Task<IReadOnlyList<IVariation>> MinimizeAsync(IReadOnlyList<IVariation> all)
        {
            var kept = all.ToList();
            foreach (var variation in all)
            {
                if (kept.Count == 1)
                {
                    break;
                }

                var without = kept.Where(v => v != variation).ToList();
                if (await Shows(without).ConfigureAwait(false))
                {
                    kept = without;
                }
            }

            return kept;
        }
    }

    /// <summary>A subset's name and memo key: its variations' names in order, <c>time+umask</c>.</summary>
    public static string Name(IEnumerable<IVariation> subset) => string.Join('+', subset.Select(v => v.Name));
}
