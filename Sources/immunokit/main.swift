import ImmunoKit
print("immunokit")
