using System.Collections.Concurrent;
using System.Diagnostics;
using Verbatim.Build;
using Verbatim.Build.Stages;
using Verbatim.Common.Identity;

namespace Verbatim.Check.Builds;

/// <summary>
/// Runs the builds of one check from one preparation: at most <c>parallelism</c> at once, each identity built once
/// (asking again for a key already built returns the same build), outputs collected under the work folder.
/// </summary>
internal sealed class BuildPool(PreparedBuild prepared, string workRoot, string scratchRoot, int parallelism, Action<CheckEvent>? progress, CancellationToken cancellationToken) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, parallelism));
    private readonly ConcurrentDictionary<string, Lazy<Task<BuildOutcome>>> builds = new(StringComparer.Ordinal);
    private int count;

    /// <summary>How many builds were started.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>The build of <paramref name="identity"/> known as <paramref name="key"/>, started when not yet asked for.</summary>
    public Task<BuildOutcome> BuildAsync(string key, string label, BuildIdentity identity) =>
        builds.GetOrAdd(key, _ => new Lazy<Task<BuildOutcome>>(() => RunAsync(label, identity))).Value;

    private async Task<BuildOutcome> RunAsync(string label, BuildIdentity identity)
    {
        var number = Interlocked.Increment(ref count);
        var outDir = Path.Combine(workRoot, "build-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            progress?.Invoke(new CheckEvent(CheckEventKind.BuildStarted, label, number));
            var clock = Stopwatch.StartNew();
            var tail = new Queue<string>();
            void Log(BuildEvent e)
            {
                lock (tail)
                {
                    tail.Enqueue(e.Message);
                    if (tail.Count > 20)
                    {
                        tail.Dequeue();
                    }
                }
            }

            string? failure = null;
            try
            {
                using var executed = await ExecuteStage.ExecuteAsync(prepared, identity, scratchRoot, Log, cancellationToken).ConfigureAwait(false);
                if (executed.Succeeded)
                {
                    CollectStage.Collect(executed, outDir);
                }
                else
                {
                    failure = executed.Failure;
                }
            }
            catch (BuildException e)
            {
                failure = e.Message;
            }

            string text;
            lock (tail)
            {
                text = string.Join('\n', tail);
            }

            progress?.Invoke(new CheckEvent(CheckEventKind.BuildFinished, label, number, clock.Elapsed, failure is not null));
            return new BuildOutcome(number, label, outDir, clock.Elapsed, failure, text);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
