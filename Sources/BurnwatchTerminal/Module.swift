import CNcursesw
import BurnwatchUI
