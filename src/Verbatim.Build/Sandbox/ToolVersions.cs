namespace Verbatim.Build.Sandbox;

/// <summary>Asks each declared tool for its version inside a sandbox (so a root file system's tools report themselves), plus bwrap's own.</summary>
public static class ToolVersions
{
    public static async Task<IReadOnlyDictionary<string, string>> ProbeAsync(IReadOnlyList<string> tools, Func<string, SandboxSpec> spec, CancellationToken cancellationToken)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var bwrap = await Processes.ProcessRunner.RunAsync(SandboxRunner.Bwrap, ["--version"], cancellationToken: cancellationToken).ConfigureAwait(false);
        result["bwrap"] = bwrap.StdOut.Trim();
        if (tools.Count == 0)
        {
            return result;
        }

        var lines = new List<string>();
        var script = "for t in " + string.Join(' ', tools) + "; do v=$(\"$t\" --version 2>&1 </dev/null | head -n 1) || v=; printf '%s\\t%s\\n' \"$t\" \"${v:-unknown}\"; done";
        var outcome = await SandboxRunner.RunAsync(spec(script), line => lines.Add(line), cancellationToken).ConfigureAwait(false);
        foreach (var line in lines)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && tools.Contains(line[..tab]))
            {
                result[line[..tab]] = line[(tab + 1)..].Trim();
            }
        }

        foreach (var tool in tools.Where(t => !result.ContainsKey(t)))
        {
            result[tool] = outcome.Succeeded ? "unknown" : "not probed";
        }

        return result;
    }
}
