using System.Diagnostics;
using System.Text;

namespace Verbatim.Build.Processes;

/// <summary>Runs a helper program (git, tar, dpkg-query, mmdebstrap) with an argument list and collects its output.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, Stream? stdin = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"cannot run {program}: {e.Message}");
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await stdin.CopyToAsync(process.StandardInput.BaseStream, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs the program and returns its output; a non-zero exit is a <see cref="BuildException"/> quoting its error output.</summary>
    public static async Task<string> CheckedAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(program, list, workingDirectory, environment, null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new BuildException($"{program} {string.Join(' ', list.Take(4))} failed (exit {result.ExitCode}): {Tail(result.StdErr.Length > 0 ? result.StdErr : result.StdOut)}");
        }

        return result.StdOut;
    }

    /// <summary>The last few lines of a tool's output, on one line.</summary>
    public static string Tail(string text, int lines = 3)
    {
        var parts = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = new StringBuilder();
        foreach (var part in parts.Skip(Math.Max(0, parts.Length - lines)))
        {
            builder.Append(builder.Length > 0 ? " | " : "").Append(part);
        }

        return builder.ToString();
    }
}
