using Buurt.Web.Api;
using Buurt.Web.Components.Layout;
using Buurt.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// A page of the budget controller: its year, and what a form's answer does. Booked: back to the
/// same page with a confirmation (post, redirect, get). Refused: the errors at the fields with the
/// API's status, or (not about the form) the refusal said above it.
/// </summary>
public abstract class BudgetPage : StaffFormPage
{
    [CascadingParameter]
    protected BudgetDesk Desk { get; set; } = null!;

    /// <summary>After a form was answered: to <paramref name="booked"/> when it booked, else the refusal at the fields named in <paramref name="labels"/>.</summary>
    protected void Answer(
        bool done, ApiProblem? problem, string booked, IReadOnlyDictionary<string, string> labels, string refusedAt, Func<string, string>? field = null)
    {
        if (done)
        {
            Navigation.NavigateTo(booked);
            return;
        }
        if (BudgetForms.Errors(problem!, labels, refusedAt, field) is { } errors)
        {
            Refuse(errors, problem!.Status);
            return;
        }
        SayRefused(problem!, BudgetTexts.BooksRefused);
    }

    /// <summary>A read the page needs was refused: said above the page (a 503 when the service is away).</summary>
    protected void ReadFailed(ApiProblem problem) => SayRefused(problem, WebTexts.TryAgainLater);
}
