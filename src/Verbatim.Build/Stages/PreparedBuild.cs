using Verbatim.Build.Environments;
using Verbatim.Build.Inputs;
using Verbatim.Build.Recipes;

namespace Verbatim.Build.Stages;

/// <summary>A build ready to run: every input fetched and verified, the environment resolved, SOURCE_DATE_EPOCH chosen. It can be executed any number of times, under different identities, concurrently.</summary>
public sealed record PreparedBuild(Recipe Recipe, IReadOnlyList<ResolvedInput> Inputs, ResolvedEnvironment Environment, long SourceDateEpoch);
