using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LicensingPortal.Web.Startup;

/// <summary>
/// Binds a checkbox (a <see cref="bool"/>) and, when the posted value is not a boolean, records the error
/// and remembers "false" as what was typed: the checkbox tag helper cannot redisplay "maybe" and would
/// otherwise turn a crafted POST into a 500 instead of the form with its error.
/// </summary>
public sealed class CheckboxModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var first = posted.FirstValue;
        if (bool.TryParse(first, out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(first) && bindingContext.ModelType == typeof(bool?))
        {
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, false, "false");
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"'{first}' is not yes or no.");
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Uses <see cref="CheckboxModelBinder"/> for every <see cref="bool"/> and <see cref="Nullable{Boolean}"/>.</summary>
public sealed class CheckboxModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?) ? new CheckboxModelBinder() : null;
}
