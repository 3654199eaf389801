import StanceCore
