using System.Diagnostics;

namespace Verbatim.Tests.Support;

/// <summary>Runs the real CLI (the verbatim.dll built beside the tests) as a separate process: exit status and pipes are the process's own.</summary>
public static class CliProcess
{
    public static Cli.Result Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("verbatim " + string.Join(' ', args) + " did not finish in 5 minutes");
        }

        return new Cli.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the CLI with <paramref name="args"/>, output and error redirected, standard input closed.</summary>
    public static Process Start(params string[] args) => Start(null, args);

    /// <summary>As <see cref="Start(string[])"/>, with extra environment variables.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verbatim.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }
}
