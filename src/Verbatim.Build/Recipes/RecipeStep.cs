namespace Verbatim.Build.Recipes;

/// <summary>One ordered step: a shell command run in a fresh sandbox, with an optional time limit and variables.</summary>
public sealed record RecipeStep(string Name, string Run, TimeSpan? Timeout, IReadOnlyDictionary<string, string> Env);
