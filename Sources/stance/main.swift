print("stance")
