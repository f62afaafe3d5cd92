using System.ComponentModel.DataAnnotations;

namespace VodManager.Core;

/// <summary>
/// The one way settings are checked: data annotations on an options class, and its <see cref="IValidatableObject"/>
/// rules for what annotations cannot say (one setting against another, nested sections, dictionaries). Both the
/// start-up check (<see cref="ConfigurationBinding.AddSettings{T}"/>) and a read at registration time
/// (<see cref="ConfigurationBinding.Read{T}"/>) run it.
/// </summary>
public static class SettingsValidation
{
    public static IReadOnlyList<ValidationResult> Failures(object settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results;
    }

    /// <summary>A nested section's failures, each named by its path: data annotations stop at the top object.</summary>
    public static IEnumerable<ValidationResult> Nested(object section, string path) =>
        Failures(section).Select(r => new ValidationResult($"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}", r.MemberNames.Select(m => $"{path}:{m}").ToList()));
}
