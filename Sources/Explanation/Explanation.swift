// The explanation layer (being written): SHAP values, permutation importance, partial dependence.
