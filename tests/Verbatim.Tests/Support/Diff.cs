using Verbatim.Core.Model;
using Verbatim.Core.Reports;
using Verbatim.Formats.Engine;

namespace Verbatim.Tests.Support;

/// <summary>Runs the engine the way the CLI does, and walks the resulting tree.</summary>
public static class Diff
{
    public static DiffResult Run(string a, string b, DiffOptions? options = null) =>
        new DiffEngine(FormatRegistry.Default, options ?? new DiffOptions()).CompareAsync(a, b).GetAwaiter().GetResult();

    public static IEnumerable<Difference> All(this Difference? root)
    {
        if (root is null)
        {
            yield break;
        }

        yield return root;
        foreach (var child in root.Children)
        {
            foreach (var d in All(child))
            {
                yield return d;
            }
        }
    }

    public static IEnumerable<Cause> Causes(this DiffResult result) => result.Root.All().SelectMany(d => d.Causes);

    public static string Text(this DiffResult result) => TextReport.Render(result.Path1, result.Path2, result.Root, result.Summary);

    /// <summary>Runs a program and returns its standard output; fails the test with its error output otherwise.</summary>
    public static string Exec(string program, string arguments, string? workingDirectory = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.Environment["LC_ALL"] = "C.UTF-8";
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited {process.ExitCode}: {stderr}");
        }

        return stdout.Result;
    }
}
