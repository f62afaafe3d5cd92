using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Refinement;

/// <summary>Checks the whole Refinement section on start, nested Heuristic and Gemini sections included, naming each bad setting.</summary>
internal sealed class RefinementOptionsValidator : IValidateOptions<RefinementOptions>
{
    public ValidateOptionsResult Validate(string? name, RefinementOptions options)
    {
        var failures = new List<string>();
        Check(options, RefinementOptions.Section, failures);
        Check(options.Heuristic, $"{RefinementOptions.Section}:Heuristic", failures);
        Check(options.Gemini, $"{RefinementOptions.Section}:Gemini", failures);
        if (options.Gemini.TotalTimeout < options.Gemini.AttemptTimeout)
        {
            failures.Add("Refinement:Gemini:TotalTimeout must be at least Refinement:Gemini:AttemptTimeout.");
        }

        if (!HttpUrl.TryParse(options.Gemini.BaseUrl, out _))
        {
            failures.Add($"Refinement:Gemini:BaseUrl '{options.Gemini.BaseUrl}' is not an http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
