import BurnwatchApp
print("burnwatch")
