using System.Globalization;
using Spectre.Console;
using Verbatim.Check;

namespace Verbatim.Cli.Output;

/// <summary>
/// A check's progress: on a terminal a live table of the builds (running, done, how long each took); otherwise one
/// plain line per event on standard error.
/// </summary>
public sealed class CheckProgress(CliContext cli, bool live)
{
    private readonly object gate = new();
    private readonly SortedDictionary<int, (string Label, string State)> builds = [];
    private readonly List<string> notices = [];

    public void OnEvent(CheckEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var seconds = e.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        lock (gate)
        {
            switch (e.Kind)
            {
                case CheckEventKind.BuildStarted:
                    builds[e.Build] = (e.Message, "running");
                    if (!live)
                    {
                        cli.Error.WriteLine($"build {e.Build}: {e.Message}: started");
                    }

                    break;
                case CheckEventKind.BuildFinished:
                    var state = e.Failed ? $"failed after {seconds} s" : $"done in {seconds} s";
                    builds[e.Build] = (e.Message, state);
                    if (!live)
                    {
                        cli.Error.WriteLine($"build {e.Build}: {e.Message}: {state}");
                    }

                    break;
                default:
                    notices.Add(e.Message);
                    if (!live)
                    {
                        cli.Error.WriteLine(e.Message);
                    }

                    break;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/>, showing the live table meanwhile when on a terminal.</summary>
    public async Task<T> RunAsync<T>(Terminal terminal, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(work);
        if (!live)
        {
            return await work().ConfigureAwait(false);
        }

        T result = default!;
        await terminal.Out.Live(Table()).AutoClear(false).StartAsync(async context =>
        {
            var task = work();
            while (await Task.WhenAny(task, Task.Delay(200)).ConfigureAwait(false) != task)
            {
                context.UpdateTarget(Table());
            }

            context.UpdateTarget(Table());
            result = await task.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    private Table Table()
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("build").AddColumn("state");
        lock (gate)
        {
            foreach (var (number, (label, state)) in builds)
            {
                var style = state == "running" ? "yellow" : state.StartsWith("failed", StringComparison.Ordinal) ? "red" : "green";
                table.AddRow(number.ToString(CultureInfo.InvariantCulture), Markup.Escape(label), $"[{style}]{Markup.Escape(state)}[/]");
            }

            foreach (var notice in notices.TakeLast(3))
            {
                table.AddRow("", $"[grey]{Markup.Escape(notice)}[/]", "");
            }
        }

        return table;
    }
}
