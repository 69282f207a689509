namespace Verbatim.Rebuild;

/// <summary>
/// One package ecosystem <c>verbatim rebuild</c> knows (Debian, Python, NuGet, npm), in one folder under
/// <c>Ecosystems/</c> with the same parts: recognise a spec, fetch the published references, infer a recipe, and say
/// what a reference reveals about how it was built. Registered by one line in <see cref="EcosystemRegistry"/>.
/// </summary>
public interface IEcosystem
{
    /// <summary>The name on the command line: <c>debian</c>, <c>python</c>, <c>nuget</c>, <c>npm</c>.</summary>
    string Name { get; }

    /// <summary>The accepted spec forms, for help and errors, e.g. <c>NAME@VERSION|DIR</c>.</summary>
    string SpecSyntax { get; }

    /// <summary>Null when <paramref name="spec"/> has an accepted form (no I/O); else the problem in one phrase.</summary>
    string? Recognize(string spec);

    /// <summary>
    /// Fetches or locates the published artifacts and infers the recipe that should rebuild them. Given references
    /// (<see cref="RebuildRequest.References"/>) are used instead of fetching.
    /// </summary>
    /// <exception cref="RebuildException">The spec names nothing that exists, a source cannot be reached, or an input is malformed.</exception>
    Task<RebuildPlan> PlanAsync(RebuildRequest request, RebuildContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Turns one collected output into the artifact compared with <paramref name="reference"/> (npm: recompressed with the
    /// system zlib at the level the reference reveals); most ecosystems return <paramref name="built"/> unchanged.
    /// </summary>
    Task<string> FinishAsync(string built, ReferenceArtifact reference, RebuildContext context, CancellationToken cancellationToken) =>
        Task.FromResult(built);

    /// <summary>What the reference shows of how it was built, each compared with the rebuild's environment.</summary>
    IReadOnlyList<Revelation> Reveal(ReferenceArtifact reference, RebuildEnvironmentFacts rebuilt);
}
