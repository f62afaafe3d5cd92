using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Export;

/// <summary>
/// Checks every profile at start-up (data annotations do not reach into a dictionary's values): names that are safe
/// in storage keys, even sizes, a default that exists. A bad profile stops the app with the setting's path.
/// </summary>
public sealed partial class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        var errors = new List<string>();
        if (options.Profiles.Count == 0)
        {
            errors.Add($"{ExportOptions.Section}:Profiles is empty; define at least one encoder profile.");
        }

        foreach (var (profileName, profile) in options.Profiles)
        {
            var path = $"{ExportOptions.Section}:Profiles:{profileName}";
            if (!ProfileName().IsMatch(profileName))
            {
                errors.Add($"{path}: a profile name is 1-40 lowercase letters, digits, '-' or '_' (it becomes part of storage keys).");
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(profile, new ValidationContext(profile), results, validateAllProperties: true))
            {
                errors.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
            }

            if (profile.Width % 2 != 0 || profile.Height % 2 != 0)
            {
                errors.Add($"{path}: Width and Height must be even ({profile.Width}x{profile.Height}).");
            }
        }

        if (options.Profiles.Count > 0 && !options.Profiles.ContainsKey(options.DefaultProfile))
        {
            errors.Add($"{ExportOptions.Section}:DefaultProfile '{options.DefaultProfile}' is not one of the profiles ({string.Join(", ", options.Profiles.Keys)}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex ProfileName();
}
