using System.ComponentModel.DataAnnotations;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// Money in euros: a decimal of at least zero, at most <see cref="Maximum"/>, with no more than two
/// decimals (we never round what a user typed).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EuroAmountAttribute : ValidationAttribute
{
    public const double DefaultMaximum = 10_000_000;

    public double Maximum { get; init; } = DefaultMaximum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not decimal amount)
        {
            return ValidationResult.Success;
        }
        var name = validationContext.MemberName is { } member ? [member] : Array.Empty<string>();
        if (amount < 0)
        {
            return new ValidationResult("The amount must not be negative.", name);
        }
        if (amount > (decimal)Maximum)
        {
            return new ValidationResult($"The amount must not exceed {Maximum:N0} euros.", name);
        }
        if (amount.Scale > 2 && decimal.Round(amount, 2) != amount)
        {
            return new ValidationResult("The amount must have at most two decimals (whole cents).", name);
        }
        return ValidationResult.Success;
    }
}
