# PyInstaller runtime hook (packaging/solorec.spec): the bundle keeps torch's bytecode without its
# sources, so `import torch` warns once per @torch.jit._overload function that it cannot read the
# source. SoloRec scripts nothing with TorchScript; those warnings say nothing to a user.
import warnings

warnings.filterwarnings("ignore", message=r"Unable to retrieve source for @torch\.jit\._overload", category=UserWarning)
