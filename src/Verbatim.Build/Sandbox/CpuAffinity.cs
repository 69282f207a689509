using System.Diagnostics;
using System.Globalization;

namespace Verbatim.Build.Sandbox;

/// <summary>A CPU count applied as the sandbox's CPU affinity (<c>taskset -c LIST</c> around bwrap), which is what <c>nproc</c> and <c>sched_getaffinity</c> report.</summary>
public static class CpuAffinity
{
    /// <summary>The first <paramref name="count"/> CPUs this process may run on, as a taskset list (<c>0,1</c>).</summary>
    /// <exception cref="BuildException">Fewer CPUs are available than asked for.</exception>
    public static string ListFor(int count)
    {
        using var self = Process.GetCurrentProcess();
        var mask = (ulong)(long)self.ProcessorAffinity;
        var available = Enumerable.Range(0, 64).Where(i => (mask & (1UL << i)) != 0).ToList();
        if (count > available.Count)
        {
            throw new BuildException($"identity: a CPU count of {count} cannot be given: only {available.Count} CPUs are available to this build");
        }

        return string.Join(',', available.Take(count).Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }
}
